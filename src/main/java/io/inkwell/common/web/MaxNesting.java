package io.inkwell.common.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free JSON ({@code meta}) that nests at most {@link #LEVELS} levels of objects and lists, the
 * value itself being the first. Stored, it sits inside the post's own JSON, which Jackson reads
 * back only up to 1,000 levels: a value near that limit was accepted and then broke every read
 * of the post and of the feeds holding it. No blog's data nests this deep. Imports apply the same
 * rule to front matter ({@link Validator#depth}).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MaxNesting.Validator.class)
public @interface MaxNesting {

    int LEVELS = 100;

    String message() default "Nests more than " + LEVELS + " levels of objects and lists.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<MaxNesting, JsonNode> {
        @Override
        public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
            return value == null || depth(value) <= LEVELS;
        }

        /** How many levels of objects and lists the value nests: 0 for a scalar. */
        public static int depth(JsonNode node) {
            int deepest = 0;
            for (JsonNode child : node) {
                deepest = Math.max(deepest, depth(child));
            }
            return node.isContainerNode() ? deepest + 1 : 0;
        }
    }
}
