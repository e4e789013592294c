package ai.platform.support.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A path or query parameter that could not be read. A {@code WebApplicationException}, because that is what the
 * REST layer lets through from parameter conversion unchanged (anything else it would turn into a bare 404).
 */
public class InvalidParameter extends BadRequestException {

    private final String field;

    public InvalidParameter(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
