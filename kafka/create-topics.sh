#!/usr/bin/env bash
# Creates the topics of kafka/topics.conf on a cluster, idempotently, with Kafka's own kafka-topics.sh.
# usage: create-topics.sh BOOTSTRAP [topics.conf]   (docker-compose runs it in the Kafka image)
set -euo pipefail
bootstrap=${1:?usage: create-topics.sh BOOTSTRAP [topics.conf]}
conf=${2:-$(dirname "$0")/topics.conf}
kafka_topics=$(command -v kafka-topics.sh || echo /opt/kafka/bin/kafka-topics.sh)

grep -vE '^\s*(#|$)' "$conf" | while read -r topic partitions retention cleanup; do
  "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --config "retention.ms=$retention" --config "cleanup.policy=$cleanup"
  echo "topic $topic: $partitions partitions, retention.ms=$retention, cleanup.policy=$cleanup"
done
