package vn.ansinh.gateway.web;

import java.util.Locale;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.Outcomes;

/**
 * Every SOAP fault leaves with a reason a person can read and the right code: faults from the
 * flows ({@link SoapFaults}) as they are; those CXF raises itself while reading the request (an
 * unknown SOAPAction or operation, a schema violation) are the caller's mistake, a {@code Client}
 * fault, reworded so that no parser class, package or input is quoted. Tells the audit trail
 * whether the caller or an agency was at fault (SOAP faults all travel as HTTP 500).
 */
public class SoapFaultOutcome extends AbstractSoapInterceptor {

  private static final QName VERSION_MISMATCH = new QName("http://schemas.xmlsoap.org/soap/envelope/", "VersionMismatch");

  public SoapFaultOutcome() {
    super(Phase.PREPARE_SEND);
  }

  @Override
  public void handleMessage(SoapMessage message) {
    Exception e = message.getContent(Exception.class);
    if (!(e instanceof Fault f)) {
      return;
    }
    if (!SoapFaults.raisedByFlow(f) && !isOwnReason(f)) {
      reword(f);
    }
    if (AuditContext.current().outcome() == null) {
      boolean client = Fault.FAULT_CODE_CLIENT.equals(f.getFaultCode())
          || "Client".equals(f.getFaultCode().getLocalPart());
      AuditContext.current().outcome(client ? Outcomes.REJECTED : Outcomes.ERROR);
    }
  }

  private static boolean isOwnReason(Fault f) {
    return f.getMessage() != null && f.getMessage().startsWith("Invalid request: ");
  }

  private static void reword(Fault f) {
    String text = String.valueOf(f.getMessage()).toLowerCase(Locale.ROOT);
    if (VERSION_MISMATCH.getLocalPart().equals(f.getFaultCode().getLocalPart())) {
      f.setMessage("Invalid request: the message is not a SOAP 1.1 envelope");
      return;
    }
    String reason;
    if (text.contains("soapaction")) {
      reason = "the SOAPAction header names no operation of this service";
    } else if (text.contains("was not recognized") || text.contains("no such operation")
        || text.contains("does it exist in service wsdl")) {
      reason = "the Body names no operation of this service";
    } else if (text.contains("unmarshalling") || text.contains("cvc-") || text.contains("validat")) {
      reason = "the request does not follow the service's schema (see ?wsdl)";
    } else if (text.contains("envelope name")) {
      reason = "the message's root element is not a SOAP Envelope";
    } else if (text.contains("xmlstream") || text.contains("xml") || text.contains("parse")) {
      reason = SoapEnvelopeCheck.reasonFor(f);
    } else {
      // nothing recognisable from reading the request: a fault of the gateway, said plainly
      f.setMessage("The gateway could not complete the request");
      f.setFaultCode(Fault.FAULT_CODE_SERVER);
      return;
    }
    f.setMessage("Invalid request: " + reason);
    f.setFaultCode(Fault.FAULT_CODE_CLIENT);
  }
}
