package io.qnwis.agent.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The config in force. Instrumentation modules subscribe with {@link #onChange} and precompute what
 * their hot paths need (compiled rules, policies) into fields of their own, so a reload costs the
 * hot path nothing.
 */
public final class ConfigHolder {

  private final List<Consumer<AgentConfig>> listeners = new CopyOnWriteArrayList<>();
  private final BiConsumer<String, Throwable> errors;
  private volatile AgentConfig current;
  private volatile boolean valid;

  /**
   * @param errors told of a listener that failed to apply a config (component, error)
   */
  public ConfigHolder(AgentConfig initial, boolean valid, BiConsumer<String, Throwable> errors) {
    this.current = initial;
    this.valid = valid;
    this.errors = errors;
  }

  public AgentConfig current() {
    return current;
  }

  /** Whether the config in force came from a valid file (false: running on defaults). */
  public boolean valid() {
    return valid;
  }

  /** Calls the listener now with the current config and again after every applied reload. */
  public void onChange(Consumer<AgentConfig> listener) {
    listeners.add(listener);
    notify(listener, current);
  }

  public void apply(AgentConfig next) {
    current = next;
    valid = true;
    for (Consumer<AgentConfig> listener : listeners) {
      notify(listener, next);
    }
  }

  private void notify(Consumer<AgentConfig> listener, AgentConfig config) {
    try {
      listener.accept(config);
    } catch (Throwable error) {
      errors.accept("config", error);
    }
  }
}
