package io.filemill.pipeline.measure;

/**
 * Frames and bytes that crossed the worker pipes, counted from the parent's side: {@code sent} to
 * the workers' stdin, {@code received} from their stdout. Bytes include each frame's 5-byte header.
 */
public record WireTraffic(long framesSent, long bytesSent, long framesReceived, long bytesReceived) {

    /** No traffic (thread mode). */
    public static final WireTraffic NONE = new WireTraffic(0, 0, 0, 0);

    public WireTraffic plus(WireTraffic other) {
        return new WireTraffic(framesSent + other.framesSent, bytesSent + other.bytesSent,
                framesReceived + other.framesReceived, bytesReceived + other.bytesReceived);
    }
}
