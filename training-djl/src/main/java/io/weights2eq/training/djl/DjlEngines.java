package io.weights2eq.training.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Loads DJL's PyTorch engine offline: the native library comes only from the {@code pytorch-native-*}
 * jar on the class path (unpacked once into the DJL cache, {@code DJL_CACHE_DIR}, default
 * {@code ~/.djl.ai}, about 432 MB for the CPU build). Nothing is ever downloaded.
 */
public final class DjlEngines {
    /** DJL's engine name for PyTorch. */
    public static final String PYTORCH = "PyTorch";
    /** The system property that keeps DJL from downloading anything. */
    public static final String OFFLINE = "ai.djl.offline";

    private DjlEngines() {}

    /**
     * The PyTorch engine, with {@code ai.djl.offline=true} set first unless the caller set the property
     * (or {@code DJL_OFFLINE}) otherwise: a missing native library then fails fast instead of being fetched.
     */
    public static Engine pytorch() {
        if (System.getProperty(OFFLINE) == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty(OFFLINE, "true");
        }
        return Engine.getEngine(PYTORCH);
    }

    /** The device a {@link DjlBackendConfig#device()} names; loads the engine. */
    public static Device device(String name) {
        Engine engine = pytorch();
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        int gpus = engine.getGpuCount();
        if (n.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        int id = 0;
        if (!n.equals("gpu")) {
            id = Integer.parseInt(n.replaceAll("[^0-9]", ""));
        }
        if (id >= gpus) {
            throw new IllegalStateException("device " + name + " asked for, but the PyTorch engine sees " + gpus
                    + " GPU(s): this build has "
                    + (gpus == 0 ? "no CUDA native library (build with -Pcuda) or no driver" : "fewer GPUs"));
        }
        return Device.gpu(id);
    }
}
