package dev.varsent.scoring;

import dev.varsent.registry.ModelUpdate;
import dev.varsent.registry.ModelUpdateOutcome;
import dev.varsent.registry.ModelUpdateParser;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link ModelUpdate} as its announcement JSON (length-prefixed), the format it has on
 * {@code model-updates}: between operators and in the scoring operator's state. The JSON carries
 * its {@code event_version}, so state written by this build is read back by the same parser that
 * reads the topic.
 */
public final class ModelUpdateSerializer extends TypeSerializerSingleton<ModelUpdate> {

    private static final long serialVersionUID = 1L;

    public static final ModelUpdateSerializer INSTANCE = new ModelUpdateSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public ModelUpdate createInstance() {
        return null;
    }

    @Override
    public ModelUpdate copy(ModelUpdate from) {
        return from;
    }

    @Override
    public ModelUpdate copy(ModelUpdate from, ModelUpdate reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ModelUpdate update, DataOutputView target) throws IOException {
        byte[] json = update.toJson();
        target.writeInt(json.length);
        target.write(json);
    }

    @Override
    public ModelUpdate deserialize(DataInputView source) throws IOException {
        byte[] json = new byte[source.readInt()];
        source.readFully(json);
        ModelUpdateOutcome outcome = ModelUpdateParser.parse(json);
        if (outcome instanceof ModelUpdateOutcome.Valid valid) {
            return valid.update();
        }
        ModelUpdateOutcome.Invalid invalid = (ModelUpdateOutcome.Invalid) outcome;
        throw new IOException(
                "a serialized model update does not parse ("
                        + invalid.reason()
                        + "): "
                        + invalid.message());
    }

    @Override
    public ModelUpdate deserialize(ModelUpdate reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<ModelUpdate> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration; a snapshot only names it. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ModelUpdate> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
