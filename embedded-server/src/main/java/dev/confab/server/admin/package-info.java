/**
 * Operations: Prometheus metrics of a node and the health check a load balancer polls, on the admin port.
 */
@NullMarked
package dev.confab.server.admin;

import org.jspecify.annotations.NullMarked;
