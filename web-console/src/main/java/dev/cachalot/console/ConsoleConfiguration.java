package dev.cachalot.console;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The web console's pages, served under {@code /console}. The hosting application provides a
 * {@link ConsoleBackend} and signs users in; the console holds no business logic of its own.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class ConsoleConfiguration {}
