package dev.funnel.server.store;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/** Items and users with their features; durable on return. Thread-safe. */
public interface Catalogue extends AutoCloseable {
  /** Inserts or replaces; returns true when the item is new. */
  boolean putItem(ItemRecord item) throws IOException;

  Optional<ItemRecord> item(String id) throws IOException;

  /** Returns true when the item existed. */
  boolean deleteItem(String id) throws IOException;

  void forEachItem(Consumer<ItemRecord> sink) throws IOException;

  boolean putUser(UserRecord user) throws IOException;

  Optional<UserRecord> user(String id) throws IOException;

  boolean deleteUser(String id) throws IOException;

  @Override
  void close() throws IOException;
}
