"""`make bench`: latency, throughput, memory and start-up of the assistant,
measured against a stock Rasa pipeline in the same run."""
