package io.inkwell.common.slug;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.util.Optional;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A tag, category or author named on a post ({@code List<@ValidName String>}), or ({@code own})
 * the name one bears, checked with the request's other fields so that one answer names every bad
 * field; the rule is {@link NamedReferences#problemWithOwnName} for both, which imports apply too (a name
 * that would make a new one must also make a slug: {@link NamedReferences#resolve}). Null fails
 * in a list: a list holds names.
 */
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidName.Validator.class)
public @interface ValidName {

    String message() default NamedReferences.NAME_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The tag's, category's or author's own name (Admin API, an export's file): null is left to {@code @NotNull}. */
    boolean own() default false;

    class Validator implements ConstraintValidator<ValidName, String> {
        private boolean own;

        @Override
        public void initialize(ValidName annotation) {
            own = annotation.own();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (own && value == null) {
                return true;
            }
            Optional<String> problem = NamedReferences.problemWithOwnName(value);
            // The rule it breaks, not the message naming both (the messages hold no '{' or '$').
            problem.ifPresent(message -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
            });
            return problem.isEmpty();
        }
    }
}
