package dev.osk.render.template;

import dev.osk.render.Location;
import dev.osk.render.OskException;

/**
 * The limits one render is held to while templates execute, so that a template cannot exhaust memory or the
 * stack before any check after rendering could see it: the text all templates of the render write together (a
 * loop inside a loop inside a loop is stopped at the limit, not after producing gigabytes), and how deeply
 * sections and partials nest while executing.
 */
public final class RenderBounds {
    /** The most characters all templates of one render may write together (section helper bodies included). */
    public static final int MAX_OUTPUT_CHARACTERS = 64 << 20;
    /** The most sections and partials that may be open inside each other while a template executes. */
    public static final int MAX_NESTING = 200;

    private final int maxCharacters;
    private long written;
    private int depth;

    public RenderBounds() {
        this(MAX_OUTPUT_CHARACTERS);
    }

    RenderBounds(int maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    /** A limit was reached: the render stops (other templates would only hit it again). */
    public static final class Exceeded extends OskException {
        Exceeded(Location at, String detail) {
            super(at, detail);
        }
    }

    void write(int characters, Location at) {
        written += characters;
        if (written > maxCharacters) {
            throw new Exceeded(at, "the render writes more than " + (maxCharacters >> 20) + " Mi characters (all"
                    + " templates together), the most one render may write; does a section repeat too often?");
        }
    }

    void enter(Location at, String what) {
        if (++depth > MAX_NESTING) {
            depth = 0;
            throw new Exceeded(at, what + " nests more than " + MAX_NESTING + " sections and partials deep while"
                    + " rendering, the most a render allows; does a partial include itself without end?");
        }
    }

    void leave() {
        if (depth > 0) {
            depth--;
        }
    }
}
