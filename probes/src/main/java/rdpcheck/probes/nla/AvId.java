package rdpcheck.probes.nla;

import java.util.Optional;

/** AV_PAIR.AvId (MS-NLMP 2.2.2.1): what each attribute of a CHALLENGE's TargetInfo is. */
enum AvId {
    MSV_AV_EOL(0x0000),
    MSV_AV_NB_COMPUTER_NAME(0x0001),
    MSV_AV_NB_DOMAIN_NAME(0x0002),
    MSV_AV_DNS_COMPUTER_NAME(0x0003),
    MSV_AV_DNS_DOMAIN_NAME(0x0004),
    MSV_AV_DNS_TREE_NAME(0x0005),
    MSV_AV_FLAGS(0x0006),
    MSV_AV_TIMESTAMP(0x0007),
    MSV_AV_SINGLE_HOST(0x0008),
    MSV_AV_TARGET_NAME(0x0009),
    MSV_AV_CHANNEL_BINDINGS(0x000A);

    private final int id;

    AvId(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<AvId> of(int id) {
        for (AvId value : values()) {
            if (value.id == id) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
