package dev.varsent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cluster profile of flink-jobs/pom.xml (the jar itself is checked by its build,
 * check-job-jar): what goes to Flink's lib/ is exactly what the job jar leaves out, and the
 * manifest names a real entry class.
 */
class ClusterProfileTest {

    private static final Path POM = Path.of("pom.xml");

    private static String clusterProfile() throws Exception {
        String pom = Files.readString(POM);
        Matcher profile =
                Pattern.compile(
                                "<profile>\\s*(?:<!--.*?-->\\s*)?<id>cluster</id>(.*?)</profile>",
                                Pattern.DOTALL)
                        .matcher(pom);
        assertThat(profile.find()).as("flink-jobs/pom.xml has a cluster profile").isTrue();
        return profile.group(1);
    }

    @Test
    void theJarLeavesOutWhatGoesToFlinksLib() throws Exception {
        String profile = clusterProfile();
        Matcher groups =
                Pattern.compile("<flink.lib.groups>([^<]+)</flink.lib.groups>").matcher(profile);
        assertThat(groups.find()).isTrue();
        Set<String> toLib = new TreeSet<>(Set.of(groups.group(1).split(",")));
        Set<String> excluded = new TreeSet<>();
        Matcher exclude = Pattern.compile("<exclude>([\\w.-]+):\\*</exclude>").matcher(profile);
        while (exclude.find()) {
            excluded.add(exclude.group(1));
        }
        // slf4j is in Flink's lib/ already.
        excluded.remove("org.slf4j");
        assertThat(excluded).isEqualTo(toLib).contains("org.nd4j", "org.bytedeco");
        for (String scope : Set.of("flink.scope", "kafka.broker.scope", "log4j.scope")) {
            assertThat(profile).contains("<" + scope + ">provided</" + scope + ">");
        }
    }

    @Test
    void theProgramClassOfBothJarsIsAnEntryThatNeverExits() throws Exception {
        String pom = Files.readString(POM);
        Matcher entry = Pattern.compile("<program-class>([\\w.]+)</program-class>").matcher(pom);
        int jars = 0;
        while (entry.find()) {
            jars++;
            Method main = Class.forName(entry.group(1)).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
            assertThat(entry.group(1)).isEqualTo("dev.varsent.cli.FlinkApplicationMain");
        }
        assertThat(jars).isEqualTo(2);
        assertThat(clusterProfile())
                .contains("<finalName>varsent-job</finalName>", "<id>check-job-jar</id>");
    }
}
