package ai.platform.registry.models;

/** What a registered model may be called: the one rule every API that names or renames a model applies. */
public final class ModelNames {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";
    public static final String MESSAGE =
            "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'";
    public static final int MAX_LENGTH = 255;

    private ModelNames() {
    }
}
