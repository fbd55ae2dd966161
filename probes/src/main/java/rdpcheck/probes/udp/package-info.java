/**
 * RDP-UDP (MS-RDPEUDP): the udp probe's SYN and SYN+ACK.
 *
 * <p>The message codecs here are public for one other module: the lab, whose simulated hosts speak
 * the server side of the same messages with the same byte layouts. Beyond the probes and the lab,
 * modules use only the probe (its {@code ID}) and what it found ({@code *Result});
 * {@code ModuleBoundaryTest} (app) keeps it so.
 */
package rdpcheck.probes.udp;
