#!/usr/bin/python3
# article-diagrams.py: the article's topology drawn by hand with
# diagram-as-code (Debian's python3-diagrams, diagrams.alibabacloud): the
# picture peerplan's generated diagram is compared with in docs/diagrams.md.
# Run: /usr/bin/python3 docs/img/article-diagrams.py  (writes article-diagrams.png
# in the current directory).
from diagrams import Cluster, Diagram, Edge
from diagrams.alibabacloud.compute import ECS
from diagrams.alibabacloud.network import ExpressConnect

with Diagram("tokyo-silicon-valley (hand-written, python3-diagrams)",
             filename="article-diagrams", outformat="png", show=False,
             direction="LR"):
    with Cluster("account A (1111111111111111)"):
        with Cluster("ap-northeast-1 (Tokyo)"):
            with Cluster("VPC 172.16.0.0/16"):
                with Cluster("vSwitch 172.16.0.0/24"):
                    ecs_a = ECS("ecs-a\n172.16.0.41")
                ri_a = ExpressConnect("RI (initiator)")
    with Cluster("account B (2222222222222222)"):
        with Cluster("us-west-1 (Silicon Valley)"):
            with Cluster("VPC 192.168.0.0/16"):
                ri_b = ExpressConnect("RI (acceptor)")
                with Cluster("vSwitch 192.168.0.0/24"):
                    ecs_b = ECS("ecs-b\n192.168.0.147")
    ecs_a >> ri_a
    ri_a >> Edge(label="Large.1") >> ri_b
    ri_b >> ecs_b
