/** HTML report and live dashboard over the results store. */
package dev.sweep.dashboards;
