package vn.ansinh.gateway.partner;

import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;

/** A keep-alive connection pool for one group of agencies, with its own connect and answer timeouts. */
public final class AgencyConnectionPools {

  private AgencyConnectionPools() {}

  public static PoolingHttpClientConnectionManager pool(int connectTimeoutMs, int responseTimeoutMs, int maxConnections) {
    return PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnections)
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
            .setSocketTimeout(responseTimeoutMs, TimeUnit.MILLISECONDS)
            .build())
        .setDefaultSocketConfig(SocketConfig.custom()
            .setTcpNoDelay(true)
            .setSoTimeout(responseTimeoutMs, TimeUnit.MILLISECONDS)
            .build())
        .build();
  }
}
