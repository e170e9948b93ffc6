package io.adplatform.admin.access;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every instance's {@link AccessCache} which users' {@code product_access} rows a committed transaction
 * changed: this instance evicts them right after the commit (so its next check reads the new row), the others on a
 * Redis channel within milliseconds. A message that cannot be sent or is missed is bounded by the cache's time to live.
 */
@Component
public class AccessChanges implements MessageListener {

    static final String ALL = "*";
    private static final Logger log = LoggerFactory.getLogger(AccessChanges.class);

    private final AccessCache cache;
    private final StringRedisTemplate redis;
    private final ChannelTopic channel;
    private final RedisMessageListenerContainer listener;

    AccessChanges(AccessCache cache, StringRedisTemplate redis, RedisConnectionFactory connections,
                  AccessProperties props) {
        this.cache = cache;
        this.redis = redis;
        this.channel = new ChannelTopic(props.changesChannel());
        this.listener = new RedisMessageListenerContainer();
        listener.setConnectionFactory(connections);
        listener.addMessageListener(this, channel);
        listener.afterPropertiesSet();
        listener.start();
    }

    /** The users' rows change in the current transaction; announced once it commits. */
    void usersChanged(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        Set<Long> users = new LinkedHashSet<>(userIds);
        // Evict now as well: a check in this transaction's thread before the commit must not keep the old row.
        users.forEach(cache::evict);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                users.forEach(cache::evict);
                if (status == STATUS_COMMITTED) {
                    publish(users.size() > 1000 ? ALL
                            : users.stream().map(String::valueOf).collect(Collectors.joining(",")));
                }
            }
        });
    }

    private void publish(String message) {
        try {
            redis.convertAndSend(channel.getTopic(), message);
        } catch (RuntimeException e) {
            log.warn("could not announce an access change to other instances ({}); they see it within the cache's "
                    + "time to live", e.toString());
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String body = new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8);
        if (ALL.equals(body)) {
            cache.evictAll();
            return;
        }
        for (String id : body.split(",")) {
            try {
                cache.evict(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                cache.evictAll();
                return;
            }
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() throws Exception {
        listener.stop();
        listener.destroy();
    }
}
