package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FlinkUserCodeClassLoaders;
import org.apache.flink.util.MutableURLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Loaded from a job jar by Flink (as {@code flink run -c dev.varsent.cli.Main} does), {@code Main}
 * must not exit the JVM it shares with the Flink client: a failing command throws. Had it called
 * {@code System.exit}, this test's JVM would have ended and the run would report a crashed fork.
 */
class MainInsideFlinkTest {

    @Test
    void aFailingCommandThrowsInsteadOfExitingWhenFlinkLoadedTheJar() throws Exception {
        URL classes = Main.class.getProtectionDomain().getCodeSource().getLocation();
        try (MutableURLClassLoader userCode =
                FlinkUserCodeClassLoaders.create(
                        new URL[] {classes}, Main.class.getClassLoader(), new Configuration())) {
            Class<?> main = Class.forName(Main.class.getName(), true, userCode);
            assertThat(main).isNotSameAs(Main.class);
            Method entry = main.getMethod("main", String[].class);

            assertThatThrownBy(() -> entry.invoke(null, (Object) new String[] {"no-such-command"}))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("varsent no-such-command ended with exit code 2");
        }
    }

    @Test
    void theClassPathOfJavaJarIsNotFlink() {
        assertThat(FlinkApplicationMain.loadedByFlink(Main.class)).isFalse();
    }
}
