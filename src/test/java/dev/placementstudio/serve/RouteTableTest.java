package dev.placementstudio.serve;

import org.junit.jupiter.api.Test;

import static dev.placementstudio.serve.RouteTable.delete;
import static dev.placementstudio.serve.RouteTable.get;
import static dev.placementstudio.serve.RouteTable.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one route table: a path or a method cannot be declared twice, and matching follows the declarations. */
class RouteTableTest {
    @Test
    void aPathOrAMethodDeclaredTwiceIsRefusedAtStartUp() {
        RouteTable t = new RouteTable().route("/traits", get(6, "traits:list", ctx -> { }));
        assertThatThrownBy(() -> t.route("/traits", get(6, "traits:list", ctx -> { })))
                .hasMessageContaining("route declared twice: /traits");
        assertThatThrownBy(() -> new RouteTable().route("/x", get(0, null, ctx -> { }), get(1, null, ctx -> { })))
                .hasMessageContaining("GET declared twice for /x");
    }

    @Test
    void templatesMatchOneSegmentAndTheAllowHeaderKeepsTheDeclaredOrder() {
        RouteTable t = new RouteTable()
                .route("/resource_providers/{uuid}", get(0, "resource_providers:show", ctx -> { }),
                        delete(0, "resource_providers:delete", ctx -> { }), put(0, "resource_providers:update", ctx -> { }))
                .route("/resource_providers/{uuid}/traits", get(6, "resource_providers:traits:list", ctx -> { }));
        assertThat(t.match("/resource_providers/abc").orElseThrow().allow()).isEqualTo("GET, DELETE, PUT");
        assertThat(t.match("/resource_providers/abc/traits").orElseThrow().template())
                .isEqualTo("/resource_providers/{uuid}/traits");
        assertThat(t.match("/resource_providers/a/b")).isEmpty();
        RouteTable.Method m = t.match("/resource_providers/abc").orElseThrow().methods().get("PUT");
        assertThat(m.jsonBody()).isTrue();
        assertThat(m.policy()).isEqualTo("placement:resource_providers:update");
    }
}
