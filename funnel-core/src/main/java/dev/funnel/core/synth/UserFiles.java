package dev.funnel.core.synth;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Writes each user's features ({@code users.csv}) and, as ground truth, taste ({@code truth/user_topics.csv}). */
final class UserFiles implements Closeable {
  static final String TASTE_HEADER = "user,topic,weight";

  private final AsciiWriter features;
  private final AsciiWriter taste;

  UserFiles(Path featuresFile, Path tasteFile) throws IOException {
    features = AsciiWriter.create(featuresFile);
    try {
      taste = AsciiWriter.create(tasteFile);
    } catch (IOException e) {
      features.close();
      throw e;
    }
    features.write(UserProfile.HEADER).write('\n');
    taste.write(TASTE_HEADER).write('\n');
  }

  void write(int user, UserProfile profile) throws IOException {
    features.write('u').write(user + 1L).write(',').write(profile.age()).write(',').write(profile.gender());
    features.write(',').write(profile.country()).write(',').write(profile.segment()).write('\n');
    for (int k = 0; k < profile.tasteSize(); k++) {
      taste.write('u').write(user + 1L).write(',').write(profile.tasteTopic(k)).write(',');
      taste.writeFixed(profile.tasteWeight(k), 6).write('\n');
    }
  }

  @Override
  public void close() throws IOException {
    try (features) {
      taste.close();
    }
  }
}
