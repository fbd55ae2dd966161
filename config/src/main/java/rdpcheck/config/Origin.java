package rdpcheck.config;

/** Where an effective value came from, for {@code rdpcheck config check}. */
enum Origin {
    DEFAULT("default"),
    FILE("file"),
    ENVIRONMENT("environment");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
