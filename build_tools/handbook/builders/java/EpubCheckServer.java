import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * EPUBCheck's own command line, run in one JVM for every EPUB of a build.
 *
 * <p>Each line on standard input is one run's arguments, separated by tabs, exactly as they would
 * follow {@code java -jar epubcheck.jar}; each line written to standard output is that run's exit
 * status. EPUBCheck's console output goes to standard error, so it never mixes with the replies.
 * The JVM, its loaded classes and its compiled code stay warm between runs. Run with the source
 * launcher: {@code java -cp epubcheck.jar EpubCheckServer.java}.
 */
public final class EpubCheckServer {
  private EpubCheckServer() {}

  public static void main(String[] args) throws IOException {
    PrintStream replies =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    BufferedReader requests =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    replies.println("ready " + com.adobe.epubcheck.api.EpubCheck.version());
    String line;
    while ((line = requests.readLine()) != null) {
      if (line.isEmpty()) {
        continue;
      }
      int status;
      try {
        status = new EpubChecker().run(line.split("\t"));
      } catch (RuntimeException | LinkageError error) {
        error.printStackTrace();
        status = -1;
      }
      replies.println(status);
    }
  }
}
