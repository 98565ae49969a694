package vn.ansinh.gateway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Serves the contracts in contracts/ (packaged in the jar) as-is: they are the source of truth. */
@Configuration(proxyBeanMethods = false)
public class ContractPublishing implements WebMvcConfigurer {

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/contracts/**").addResourceLocations("classpath:/contracts/");
  }
}
