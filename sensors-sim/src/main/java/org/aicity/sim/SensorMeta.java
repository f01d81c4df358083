package org.aicity.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import org.aicity.model.CityDefinition.SensorDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A sensor's retained description on {@code <topic>/meta}: what it is, where, and what it reports. */
final class SensorMeta {

    private static final JsonFactory JSON = new JsonFactory();

    private SensorMeta() {
    }

    static byte[] json(String cityId, SensorDefinition s) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("sensorId", s.id());
            g.writeStringField("city", cityId);
            g.writeStringField("kind", s.kind());
            g.writeStringField("domain", s.domain().wireName());
            g.writeStringField("district", s.district());
            g.writeNumberField("lat", s.lat());
            g.writeNumberField("lon", s.lon());
            g.writeArrayFieldStart("metrics");
            for (String m : s.metrics()) {
                g.writeString(m);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
