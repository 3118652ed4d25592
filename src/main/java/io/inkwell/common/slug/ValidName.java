package io.inkwell.common.slug;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A tag, category or author named on a post ({@code List<@ValidName String>}), checked with the
 * request's other fields so that one answer names every bad field; the rule is
 * {@link NamedReferences#isName}, which imports apply too, and so the tag, category or author
 * itself ({@code nullable}: null is left to {@code @NotNull}). Null fails otherwise: a list holds names.
 */
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidName.Validator.class)
public @interface ValidName {

    String message() default NamedReferences.NAME_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    boolean nullable() default false;

    class Validator implements ConstraintValidator<ValidName, String> {
        private boolean nullable;

        @Override
        public void initialize(ValidName annotation) {
            nullable = annotation.nullable();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return (nullable && value == null) || NamedReferences.isName(value);
        }
    }
}
