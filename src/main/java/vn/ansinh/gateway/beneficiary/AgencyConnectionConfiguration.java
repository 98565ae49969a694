package vn.ansinh.gateway.beneficiary;

import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ansinh.gateway.partner.AgencyConnectionPools;

/** Connections for background calls to banks and agencies, with their own pool and timeouts (routes refer to it by name). */
@Configuration(proxyBeanMethods = false)
public class AgencyConnectionConfiguration {

  @Bean(destroyMethod = "close")
  PoolingHttpClientConnectionManager backgroundConnections(
      @Value("${gateway.agencies.background.connect-timeout-ms}") int connectTimeoutMs,
      @Value("${gateway.agencies.background.response-timeout-ms}") int responseTimeoutMs,
      @Value("${gateway.agencies.background.max-connections}") int maxConnections) {
    return AgencyConnectionPools.pool(connectTimeoutMs, responseTimeoutMs, maxConnections);
  }
}
