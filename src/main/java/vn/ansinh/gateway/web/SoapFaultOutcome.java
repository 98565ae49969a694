package vn.ansinh.gateway.web;

import java.util.Locale;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.frontend.WSDLQueryException;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.Outcomes;

/**
 * Every SOAP fault leaves with a reason a person can read and the right code: faults from the
 * flows ({@link SoapFaults}) as they are; those CXF raises itself while reading the request (an
 * unknown SOAPAction or operation, a schema violation, a message that is no SOAP call, a WSDL or
 * schema document that is not there) are the caller's mistake, a {@code Client} fault, reworded so
 * that no parser class, package or input is quoted; a header the caller requires to be understood
 * keeps SOAP's {@code MustUnderstand} code. Only a failure of the gateway's own code is a
 * {@code Server} fault, logged once without its message (CXF's own log of faults is off: it quotes
 * what the caller sent). Tells the audit trail whether the caller or an agency was at fault (SOAP
 * faults all travel as HTTP 500).
 */
public class SoapFaultOutcome extends AbstractSoapInterceptor {

  private static final Logger log = LoggerFactory.getLogger(SoapFaultOutcome.class);
  private static final QName VERSION_MISMATCH = new QName("http://schemas.xmlsoap.org/soap/envelope/", "VersionMismatch");
  private static final QName MUST_UNDERSTAND = new QName("http://schemas.xmlsoap.org/soap/envelope/", "MustUnderstand");

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
      reword(f, message.getExchange().getOutMessage() == null);
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

  /** {@code whileReading}: the fault arose before any answer was being written, from what the caller sent. */
  private static void reword(Fault f, boolean whileReading) {
    String text = String.valueOf(f.getMessage()).toLowerCase(Locale.ROOT);
    if (VERSION_MISMATCH.getLocalPart().equals(f.getFaultCode().getLocalPart())) {
      f.setMessage("Invalid request: the message is not a SOAP 1.1 envelope");
      return;
    }
    if (MUST_UNDERSTAND.getLocalPart().equals(f.getFaultCode().getLocalPart())) {
      f.setMessage("Invalid request: a header marked mustUnderstand is not one this service understands");
      return;
    }
    Throwable bug = bugIn(f);
    if (!whileReading || bug != null) {
      log.error("Unexpected failure in a SOAP exchange: {}", GatewayFailures.withoutMessages(bug != null ? bug : f));
      f.setMessage("The gateway could not complete the request");
      f.setFaultCode(Fault.FAULT_CODE_SERVER);
      return;
    }
    String reason;
    if (GatewayFailures.causeOfType(f, WSDLQueryException.class) != null) {
      reason = "the service has no such WSDL or schema document: its WSDL is at ?wsdl";
    } else if (text.contains("soapaction")) {
      reason = "the SOAPAction header names no operation of this service";
    } else if (text.contains("was not recognized") || text.contains("no such operation")
        || text.contains("does it exist in service wsdl") || text.contains("binding operation")) {
      reason = "the Body names no operation of this service";
    } else if (text.contains("unmarshalling") || text.contains("cvc-") || text.contains("validat")) {
      reason = "the request does not follow the service's schema (see ?wsdl)";
    } else if (text.contains("envelope name")) {
      reason = "the message's root element is not a SOAP Envelope";
    } else if (text.contains("namespace") && text.contains("soap message")) {
      reason = "the message is not a SOAP 1.1 envelope";
    } else if (text.contains("xmlstream") || text.contains("xml") || text.contains("parse")) {
      reason = SoapEnvelopeCheck.reasonFor(f);
    } else {
      reason = "the message is not a call of this service (see ?wsdl)";
    }
    f.setMessage("Invalid request: " + reason);
    f.setFaultCode(Fault.FAULT_CODE_CLIENT);
  }

  /** The failure of the gateway's own code behind a fault, if that is what it is: never the caller's doing. */
  private static Throwable bugIn(Throwable f) {
    for (Throwable t = f; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Error || t instanceof NullPointerException || t instanceof ClassCastException
          || t instanceof IllegalStateException || t instanceof IndexOutOfBoundsException
          || t instanceof UnsupportedOperationException) {
        return t;
      }
    }
    return null;
  }
}
