package org.aicity.job.ingest;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.lang.reflect.Type;
import java.util.Map;

/** Named by {@code @TypeInfo} on {@link ValidReading}: Flink's type extraction asks it for the type. */
public final class ValidReadingTypeInfoFactory extends TypeInfoFactory<ValidReading> {

    @Override
    public TypeInformation<ValidReading> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new ValidReadingTypeInfo();
    }
}
