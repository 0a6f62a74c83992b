/**
 * HTML report and live dashboard over the results store. Both only read the store.
 *
 * <ul>
 *   <li>{@code report.ReportWriter}: one self-contained HTML file per sweep (inline CSS, script, SVG, JSON);
 *       {@code report.ChartExport}: the charts as SVG (and PNG through headless Chromium) for papers.</li>
 *   <li>{@code live.DashboardServer}: the same page served live on 127.0.0.1, polling a JSON snapshot.</li>
 *   <li>{@code view}: reads a sweep into a {@code SweepView} (aggregates from the results module's
 *       {@code Leaderboards}); {@code chart}: SVG charts drawn in Java; {@code page}: HTML fragments, page data
 *       and the page itself; {@code svg}: the SVG writer, scales, colours and number formats.</li>
 *   <li>{@code browser.HeadlessChromium}: a DevTools-protocol client for PNG export and the browser tests.</li>
 * </ul>
 */
package dev.sweep.dashboards;
