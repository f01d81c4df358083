package org.aicity.job.ingest;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.lang.reflect.Type;
import java.util.Map;

/** Named by {@code @TypeInfo} on {@link Measurement}: Flink's type extraction asks it for the type. */
public final class MeasurementTypeInfoFactory extends TypeInfoFactory<Measurement> {

    @Override
    public TypeInformation<Measurement> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new MeasurementTypeInfo();
    }
}
