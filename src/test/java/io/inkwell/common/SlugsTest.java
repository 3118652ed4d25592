package io.inkwell.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.slug.Slugs;
import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void transliteratesToAscii() {
        assertEquals("cafe-zurich", Slugs.fromText("Café Zürich"));
        assertEquals("privet-mir", Slugs.fromText("Привет, мир!"));
        assertEquals("kalemera-kosme", Slugs.fromText("Καλημέρα κόσμε"));
        assertEquals("pycon-in-india", Slugs.fromText("  pycon in   india "));
        assertEquals("", Slugs.fromText("!!!"));
    }

    @Test
    void validatesExplicitSlugs() {
        assertTrue(Slugs.isValid("pycon-pune-2017"));
        assertFalse(Slugs.isValid("has spaces"));
        assertFalse(Slugs.isValid("-leading"));
        assertFalse(Slugs.isValid("Upper"));
    }
}
