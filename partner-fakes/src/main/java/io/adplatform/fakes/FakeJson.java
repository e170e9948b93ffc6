package io.adplatform.fakes;

import tools.jackson.databind.json.JsonMapper;

/** One JSON mapper for the fakes; strict enough to notice malformed bodies. */
final class FakeJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private FakeJson() {
    }
}
