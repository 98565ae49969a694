package vn.ansinh.gateway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the contracts in contracts/ (packaged in the jar) as-is: they are the source of truth. The
 * page at /api-docs shows the gateway's contract in Swagger UI; no description is generated from code.
 */
@Configuration(proxyBeanMethods = false)
public class ContractPublishing implements WebMvcConfigurer {

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/contracts/**").addResourceLocations("classpath:/contracts/");
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/api-docs", "/api-docs/index.html");
  }
}
