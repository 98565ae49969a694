package vn.ansinh.gateway.simulator.population;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;

/** Makes a simulated agency behave like a real one: some latency, and now and then a failure. */
public record SimulatedFaults(long latencyMillis, double failureRate) {

  void apply() {
    if (latencyMillis > 0) {
      try {
        Thread.sleep(latencyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
      throw new SoapFault("Hệ thống đang bận, vui lòng thử lại sau", Fault.FAULT_CODE_SERVER);
    }
  }
}
