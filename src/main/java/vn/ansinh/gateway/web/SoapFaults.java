package vn.ansinh.gateway.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.Outcomes;
import vn.ansinh.gateway.error.GatewayException;

/** The one place where failures become SOAP faults: Client for bad input, Server for downstream failures. */
@Component("soapFaults")
public class SoapFaults {

  private static final Logger log = LoggerFactory.getLogger(SoapFaults.class);

  public void raise(Exchange exchange) {
    Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    GatewayException typed = GatewayFailures.find(caught);
    if (typed == null) {
      log.error("Unexpected failure in a SOAP flow: {}", caught == null ? "?" : GatewayFailures.withoutMessages(caught));
      throw new FlowFault("The gateway could not complete the request", Fault.FAULT_CODE_SERVER);
    }
    String reason = typed.violations().isEmpty()
        ? typed.getMessage()
        : typed.violations().stream().map(v -> v.field() + ": " + v.reason())
            .reduce((a, b) -> a + "; " + b).orElse(typed.getMessage());
    SoapFault fault = new FlowFault(typed.title() + ": " + reason,
        typed.callerAtFault() ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
    AuditContext.current().outcome(Outcomes.fromStatus(typed.status()));
    throw fault;
  }

  /** A Client fault written before any SOAP machinery ran (a filter refusing the request); {@code reason} is fixed text. */
  static void writeClientFault(HttpServletResponse response, String reason) throws IOException {
    response.setStatus(500);   // SOAP 1.1 faults travel as HTTP 500
    response.setContentType("text/xml;charset=UTF-8");
    response.getOutputStream().write(("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Invalid request: " + reason
        + "</faultstring></soap:Fault></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a fault was raised here, from a flow's typed failure (its reason is already fit to show). */
  static boolean raisedByFlow(Throwable fault) {
    return GatewayFailures.causeOfType(fault, FlowFault.class) != null;
  }

  private static final class FlowFault extends SoapFault {
    FlowFault(String message, javax.xml.namespace.QName code) {
      super(message, code);
    }
  }
}
