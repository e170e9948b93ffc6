package io.adplatform.newdevice.config;

import io.adplatform.newdevice.pool.ActivationPool;
import io.adplatform.newdevice.pool.redis.RedisPoolStore;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Wires the pool: its own pipelining connection on Spring Boot's Lettuce client, the Redis store, the domain. */
@Configuration(proxyBeanMethods = false)
class PoolConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * One shared connection for all requests: Lettuce connections are thread-safe, a batch goes out as one write, and
     * Redis executes a connection's commands in order. Built on Boot's client so {@code spring.data.redis.*} (host,
     * password, TLS, cluster nodes) configures it; the client's lifecycle stays Boot's.
     */
    @Bean(destroyMethod = "close")
    StatefulConnection<byte[], byte[]> poolRedisConnection(LettuceConnectionFactory factory) {
        AbstractRedisClient client = factory.getRequiredNativeClient();
        if (client instanceof RedisClient standalone) {
            return standalone.connect(ByteArrayCodec.INSTANCE);
        }
        if (client instanceof RedisClusterClient cluster) {
            return cluster.connect(ByteArrayCodec.INSTANCE);
        }
        throw new IllegalStateException("the activation pool needs a standalone or cluster Redis, not "
                + client.getClass().getSimpleName());
    }

    @Bean
    RedisPoolStore redisPoolStore(StatefulConnection<byte[], byte[]> poolRedisConnection, PoolProperties properties) {
        return new RedisPoolStore(poolRedisConnection, properties.keyPrefix(), properties.commandTimeout());
    }

    @Bean
    ActivationPool activationPool(RedisPoolStore store, PoolProperties properties, Clock clock) {
        return new ActivationPool(store, properties.sizing(), clock);
    }
}
