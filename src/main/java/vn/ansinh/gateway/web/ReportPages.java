package vn.ansinh.gateway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The reports page for operators and provincial leaders lives at /reports (static, in resources/static/reports). */
@Configuration(proxyBeanMethods = false)
public class ReportPages implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/reports", "/reports/index.html");
  }
}
