package dev.varsent.scoring;

import dev.varsent.registry.ModelUpdate;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type of a {@link ModelUpdate}, serialized by {@link ModelUpdateSerializer}. Without it
 * Flink would fall back to Kryo for the record's URI and maps, which the job forbids ({@code
 * pipeline.generic-types=false}).
 */
public final class ModelUpdateTypeInfo extends TypeInformation<ModelUpdate> {

    private static final long serialVersionUID = 1L;

    public static final ModelUpdateTypeInfo INSTANCE = new ModelUpdateTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<ModelUpdate> getTypeClass() {
        return ModelUpdate.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<ModelUpdate> createSerializer(SerializerConfig config) {
        return ModelUpdateSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "ModelUpdate(JSON)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ModelUpdateTypeInfo;
    }

    @Override
    public int hashCode() {
        return ModelUpdateTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof ModelUpdateTypeInfo;
    }
}
