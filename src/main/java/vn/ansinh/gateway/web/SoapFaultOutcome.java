package vn.ansinh.gateway.web;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.Outcomes;

/** SOAP faults all travel as HTTP 500; tells the audit trail whether the caller or an agency was at fault. */
public class SoapFaultOutcome extends AbstractSoapInterceptor {

  public SoapFaultOutcome() {
    super(Phase.PREPARE_SEND);
  }

  @Override
  public void handleMessage(SoapMessage message) {
    Exception e = message.getContent(Exception.class);
    if (e instanceof Fault f && AuditContext.current().outcome() == null) {
      boolean client = Fault.FAULT_CODE_CLIENT.equals(f.getFaultCode())
          || "Client".equals(f.getFaultCode().getLocalPart());
      AuditContext.current().outcome(client ? Outcomes.REJECTED : Outcomes.ERROR);
    }
  }
}
