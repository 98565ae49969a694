package vn.ansinh.gateway.simulator;

import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ansinh.gateway.simulator.population.PopulationRegistrySimulator;
import vn.ansinh.gateway.simulator.population.SimulatedFaults;
import vn.ansinh.gateway.simulator.population.SyntheticPopulation;

/** Demo mode's simulated agencies, published beside the gateway under /ws/sim. Never in prod. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.simulators.enabled", havingValue = "true")
public class SimulatorConfiguration {

  @Bean
  SyntheticPopulation syntheticPopulation(@Value("${gateway.simulators.population-size}") int size,
      @Value("${gateway.simulators.population-seed}") long seed) {
    return new SyntheticPopulation(size, seed);
  }

  @Bean(destroyMethod = "stop")
  EndpointImpl populationRegistrySimulator(Bus bus, SyntheticPopulation population,
      @Value("${gateway.simulators.population-latency-ms:0}") long latency,
      @Value("${gateway.simulators.population-failure-rate:0}") double failureRate) {
    EndpointImpl endpoint = new EndpointImpl(bus, new PopulationRegistrySimulator(population,
        new SimulatedFaults(latency, failureRate)));
    endpoint.publish("/sim/population-registry");
    return endpoint;
  }
}
