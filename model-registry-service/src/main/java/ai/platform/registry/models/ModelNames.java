package ai.platform.registry.models;

/**
 * What a registered model may be called: the one rule every API that names or renames a model applies.
 * {@code webhooks} is taken: {@code /api/v2/models/webhooks} is where webhooks are managed.
 */
public final class ModelNames {

    public static final String PATTERN = "(?!webhooks$)[A-Za-z0-9][A-Za-z0-9._-]*";
    public static final String MESSAGE = "must start with a letter or digit and hold only letters, digits, '.', '_' "
            + "and '-' ('webhooks' is reserved)";
    public static final int MAX_LENGTH = 255;

    private ModelNames() {
    }
}
