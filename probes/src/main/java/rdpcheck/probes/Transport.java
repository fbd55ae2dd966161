package rdpcheck.probes;

/** How a probe reaches what it talks to. */
public enum Transport {
    TCP,
    /** RDP-UDP (MS-RDPEUDP) on the same port number as TCP. */
    UDP
}
