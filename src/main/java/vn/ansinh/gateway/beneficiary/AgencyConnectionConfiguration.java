package vn.ansinh.gateway.beneficiary;

import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connections for background calls to banks and agencies, with their own pool and timeouts (routes refer to it by name). */
@Configuration(proxyBeanMethods = false)
public class AgencyConnectionConfiguration {

  @Bean(destroyMethod = "close")
  PoolingHttpClientConnectionManager backgroundConnections(
      @Value("${gateway.agencies.background.connect-timeout-ms}") int connectTimeoutMs,
      @Value("${gateway.agencies.background.response-timeout-ms}") int responseTimeoutMs,
      @Value("${gateway.agencies.background.max-connections}") int maxConnections) {
    return PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnections)
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
            .setSocketTimeout(responseTimeoutMs, TimeUnit.MILLISECONDS)
            .build())
        .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true)
            .setSoTimeout(responseTimeoutMs, TimeUnit.MILLISECONDS).build())
        .build();
  }
}
