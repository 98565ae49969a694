package vn.ansinh.gateway.citizen;

import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ansinh.gateway.contracts.citizen.CitizenVerificationPortType;
import vn.ansinh.gateway.web.SoapEnvelopeCheck;
import vn.ansinh.gateway.web.SoapFaultOutcome;

/** The CXF endpoint behind {@code /ws/citizen}, published from the WSDL in contracts/. */
@Configuration(proxyBeanMethods = false)
public class CitizenSoapConfiguration {

  private static final String NAMESPACE = "urn:ansinh:gateway:citizen:v1";

  @Bean
  CxfEndpoint citizenSoapEndpoint() {
    CxfEndpoint endpoint = new CxfEndpoint();
    endpoint.setAddress("/citizen");
    endpoint.setServiceClass(CitizenVerificationPortType.class);
    endpoint.setWsdlURL("classpath:contracts/gateway/citizen-verification.wsdl");
    endpoint.setServiceNameAsQName(new QName(NAMESPACE, "CitizenVerificationService"));
    endpoint.setPortNameAsQName(new QName(NAMESPACE, "CitizenVerificationPort"));
    endpoint.setDataFormat(DataFormat.POJO);
    // the flow runs on the request thread, where the audit context lives
    endpoint.setSynchronous(true);
    endpoint.setProperties(new HashMap<>(Map.of("schema-validation-enabled", true)));
    endpoint.getInInterceptors().add(new SoapEnvelopeCheck());
    endpoint.getOutFaultInterceptors().add(new SoapFaultOutcome());
    return endpoint;
  }
}
