package io.asyncio4j.http.internal;

/** A body held in memory: replayable. */
public final class BytesPayload extends Payload implements Payload.Sending {
    private final byte[] data;
    private final String contentType;

    /** {@code data} (taken, not copied) sent as {@code contentType} (null: none said). */
    public BytesPayload(byte[] data, String contentType) {
        this.data = data;
        this.contentType = contentType;
    }

    /** The bytes. */
    public byte[] bytes() {
        return data;
    }

    @Override
    public boolean replayable() {
        return true;
    }

    /** Itself: the bytes never change, so every sending can share them. */
    @Override
    protected Sending open() {
        return this;
    }

    @Override
    public long length() {
        return data.length;
    }

    @Override
    public void writeTo(BodySink out) {
        out.write(data, 0, data.length);
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public String describe() {
        return data.length + " bytes";
    }
}
