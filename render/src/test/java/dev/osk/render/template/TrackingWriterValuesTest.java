package dev.osk.render.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.Location;
import dev.osk.render.values.ValueOrigin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TrackingWriter#lineValues}: every output line a value fills remembers where the value was set. */
class TrackingWriterValuesTest {
    private static final ValueOrigin REPLICAS = new ValueOrigin("replicas", Location.of("--set replicas=-1"));
    private static final ValueOrigin RESOURCES = new ValueOrigin("resources", new Location("dev.yaml", 2, 3));
    private static final ValueOrigin TAG = new ValueOrigin("tag", new Location("dev.yaml", 5, 6));

    @Test
    void eachLineOfAValueAndOnlyThoseRememberIt() {
        TrackingWriter w = new TrackingWriter(new RenderBounds());
        w.write("kind: Deployment\nreplicas: ");
        w.writeValue("-1", REPLICAS);
        w.write("\nresources:\n  ");
        w.writeValue("limits:\n    cpu: lots\n", RESOURCES);
        w.write("image: x:");
        w.writeValue("", TAG);
        w.write("\n");
        w.writeValue("untracked", null);
        w.write("\n");
        assertThat(w.text()).isEqualTo("kind: Deployment\nreplicas: -1\nresources:\n  limits:\n    cpu: lots\n"
                + "image: x:\nuntracked\n");
        assertThat(w.lineValues()).isEqualTo(Map.of(1, List.of(REPLICAS), 3, List.of(RESOURCES),
                4, List.of(RESOURCES), 5, List.of(TAG)));
    }

    @Test
    void twoValuesOnALineAreBothRememberedOnce() {
        TrackingWriter w = new TrackingWriter(new RenderBounds());
        w.write("image: ");
        w.writeValue("quay.io", REPLICAS);
        w.write("/");
        w.writeValue("api", TAG);
        w.write("/");
        w.writeValue("api", TAG);
        assertThat(w.lineValues()).isEqualTo(Map.of(0, List.of(REPLICAS, TAG)));
    }
}
