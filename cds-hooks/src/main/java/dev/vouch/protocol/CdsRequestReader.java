package dev.vouch.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a hook call's JSON body into a {@link CdsRequest}, strictly: a number where a string belongs is an error,
 * not a coercion. Errors name the field and what it must be, and never echo the request's content.
 */
@Component
public class CdsRequestReader {

    private final ObjectMapper mapper;

    public CdsRequestReader(ObjectMapper applicationMapper) {
        this.mapper = applicationMapper.copy()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Map).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.POJO).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }

    public CdsRequest read(byte[] body) {
        if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw ProtocolException.badRequest("The request body is empty; send the hook call as a JSON object");
        }
        try {
            CdsRequest request = mapper.readValue(body, CdsRequest.class);
            if (request == null) {
                throw ProtocolException.badRequest("The request body is JSON null; send the hook call as a JSON object");
            }
            return request;
        } catch (JsonParseException e) {
            throw ProtocolException.badRequest("The request body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (MismatchedInputException e) {
            throw ProtocolException.badRequest(mismatch(e));
        } catch (JsonMappingException e) {
            throw ProtocolException.badRequest("The request body could not be read at " + path(e));
        } catch (JsonProcessingException e) {
            throw ProtocolException.badRequest("The request body could not be read as JSON");
        } catch (IOException e) {
            throw ProtocolException.badRequest("The request body could not be read");
        }
    }

    private static String mismatch(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")
                    ? "The request body has content after its JSON object; send exactly one JSON object"
                    : "The request body must be a JSON object";
        }
        Class<?> target = e.getTargetType();
        String expected = target == null ? "a different type"
                : CharSequence.class.isAssignableFrom(target) ? "a string"
                : Number.class.isAssignableFrom(target) || target.isPrimitive() ? "a number"
                : Map.class.isAssignableFrom(target) || target.isRecord() ? "a JSON object"
                : "a " + target.getSimpleName();
        return "Field '" + path(e) + "' must be " + expected;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
