/**
 * MCS and GCC (MS-RDPBCGR 2.2.1.3–2.2.1.4): Standard RDP Security and the session probe.
 *
 * <p>The message codecs here are public for one other module: the lab, whose simulated hosts speak
 * the server side of the same messages with the same byte layouts. Beyond the probes and the lab,
 * modules use only the probe (its {@code ID}) and what it found ({@code *Result});
 * {@code ModuleBoundaryTest} (app) keeps it so.
 */
package rdpcheck.probes.rdp.mcs;
