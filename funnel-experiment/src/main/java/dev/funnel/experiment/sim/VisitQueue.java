package dev.funnel.experiment.sim;

/**
 * The users waiting for their next visit, soonest first (ties by user number, so the order is reproducible): a
 * binary min-heap of user numbers over a parallel array of times, with no object per entry. Not thread-safe.
 */
final class VisitQueue {
  private final int[] users;
  private final double[] times;
  private int size;

  /** A queue for users 0 to {@code users} − 1, each in it at most once. */
  VisitQueue(int users) {
    this.users = new int[users];
    this.times = new double[users];
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The user with the soonest visit. */
  int topUser() {
    return users[0];
  }

  /** The soonest visit's time. */
  double topTime() {
    return times[0];
  }

  void add(int user, double time) {
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(time, user, times[parent], users[parent])) {
        break;
      }
      users[i] = users[parent];
      times[i] = times[parent];
      i = parent;
    }
    users[i] = user;
    times[i] = time;
  }

  /** Moves the top user's next visit to {@code time}. */
  void rescheduleTop(double time) {
    siftDown(users[0], time);
  }

  /** Drops the top user (it visits no more). */
  void removeTop() {
    size--;
    if (size > 0) {
      siftDown(users[size], times[size]);
    }
  }

  private void siftDown(int user, double time) {
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(times[child + 1], users[child + 1], times[child], users[child])) {
        child++;
      }
      if (!before(times[child], users[child], time, user)) {
        break;
      }
      users[i] = users[child];
      times[i] = times[child];
      i = child;
    }
    users[i] = user;
    times[i] = time;
  }

  private static boolean before(double time, int user, double otherTime, int otherUser) {
    return time < otherTime || (time == otherTime && user < otherUser);
  }
}
