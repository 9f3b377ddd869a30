# Written by `peerplan plan --format terraform` from slip-self-opposite.xml (scenario tokyo-silicon-valley).
# WARNING: peerplan's plan does not run as declared (`peerplan plan` shows where); neither will this.
# The resources below make the calls of peerplan's runbook, in its order,
# with provider aliyun/alicloud; the VPCs exist already and are looked up.
# Set the variables (the VPC ids default to the scenario's), read
# docs/terraform.md ("Writing Terraform": what is unconfirmed), then
# terraform init && terraform plan.

terraform {
  required_providers {
    alicloud = {
      source  = "aliyun/alicloud"
      version = ">= 1.199.0"
    }
  }
}

variable "account_a_uid" {
  description = "UID of account A (the Alibaba Cloud account, not a RAM user)"
  type        = string
  default     = "1111111111111111"
}

variable "account_b_uid" {
  description = "UID of account B (the Alibaba Cloud account, not a RAM user)"
  type        = string
  default     = "2222222222222222"
}

variable "assume_role_name" {
  description = "RAM role that the credentials running Terraform assume in every account (acs:ram::UID:role/NAME)"
  type        = string
}

variable "vpc_tokyo_id" {
  description = "Id of the existing VPC vpc-tokyo (account A, ap-northeast-1, 172.16.0.0/16)"
  type        = string
  default     = "vpc-tokyo"
}

variable "vsw_tokyo_id" {
  description = "Id of the existing vSwitch vsw-tokyo of vpc-tokyo (ap-northeast-1a, 172.16.0.0/24)"
  type        = string
  default     = "vsw-tokyo"
}

variable "vpc_sv_id" {
  description = "Id of the existing VPC vpc-sv (account B, us-west-1, 192.168.0.0/16)"
  type        = string
  default     = "vpc-sv"
}

variable "vsw_sv_id" {
  description = "Id of the existing vSwitch vsw-sv of vpc-sv (us-west-1a, 192.168.0.0/24)"
  type        = string
  default     = "vsw-sv"
}

# Account A (uid 1111111111111111) in ap-northeast-1.
provider "alicloud" {
  alias  = "a_ap_northeast_1"
  region = "ap-northeast-1"

  assume_role {
    role_arn = "acs:ram::${var.account_a_uid}:role/${var.assume_role_name}"
  }
}

# Account B (uid 2222222222222222) in us-west-1.
provider "alicloud" {
  alias  = "b_us_west_1"
  region = "us-west-1"

  assume_role {
    role_arn = "acs:ram::${var.account_b_uid}:role/${var.assume_role_name}"
  }
}

# The account each alias reaches, as its credentials say (GetCallerIdentity).
data "alicloud_account" "a_ap_northeast_1" {
  provider = alicloud.a_ap_northeast_1
}

data "alicloud_account" "b_us_west_1" {
  provider = alicloud.b_us_west_1
}

# VPC vpc-tokyo exists: its router and system route table.
data "alicloud_vpcs" "vpc_tokyo" {
  provider   = alicloud.a_ap_northeast_1
  ids        = [var.vpc_tokyo_id]
  cidr_block = "172.16.0.0/16"
}

# vSwitch vsw-tokyo of vpc-tokyo exists where peerplan checked it.
data "alicloud_vswitches" "vsw_tokyo" {
  provider   = alicloud.a_ap_northeast_1
  ids        = [var.vsw_tokyo_id]
  vpc_id     = var.vpc_tokyo_id
  zone_id    = "ap-northeast-1a"
  cidr_block = "172.16.0.0/24"
}

# VPC vpc-sv exists: its router and system route table.
data "alicloud_vpcs" "vpc_sv" {
  provider   = alicloud.b_us_west_1
  ids        = [var.vpc_sv_id]
  cidr_block = "192.168.0.0/16"
}

# vSwitch vsw-sv of vpc-sv exists where peerplan checked it.
data "alicloud_vswitches" "vsw_sv" {
  provider   = alicloud.b_us_west_1
  ids        = [var.vsw_sv_id]
  vpc_id     = var.vpc_sv_id
  zone_id    = "us-west-1a"
  cidr_block = "192.168.0.0/24"
}

# A creates the initiating router interface of tokyo-sv in vpc-tokyo (ap-northeast-1); the initiating side is the one that buys: subscription, 1 month
resource "alicloud_express_connect_router_interface" "tokyo_sv_initiator" {
  provider                    = alicloud.a_ap_northeast_1
  role                        = "InitiatingSide"
  router_type                 = "VRouter"
  router_id                   = data.alicloud_vpcs.vpc_tokyo.vpcs[0].router_id
  spec                        = "Large.1"
  opposite_region_id          = "us-west-1"
  payment_type                = "Subscription"
  pricing_cycle               = "Month"
  period                      = 1
  description                 = "peerplan tokyo-sv/initiator"
  opposite_router_id          = data.alicloud_vpcs.vpc_sv.vpcs[0].router_id
  opposite_router_type        = "VRouter"
  opposite_interface_owner_id = var.account_b_uid
}

# B creates the accepting router interface of tokyo-sv in vpc-sv (us-west-1): pay-as-you-go, Spec Negative
resource "alicloud_express_connect_router_interface" "tokyo_sv_acceptor" {
  provider                    = alicloud.b_us_west_1
  role                        = "AcceptingSide"
  router_type                 = "VRouter"
  router_id                   = data.alicloud_vpcs.vpc_sv.vpcs[0].router_id
  spec                        = "Negative"
  opposite_region_id          = "ap-northeast-1"
  payment_type                = "PayAsYouGo"
  description                 = "peerplan tokyo-sv/acceptor"
  opposite_router_id          = data.alicloud_vpcs.vpc_tokyo.vpcs[0].router_id
  opposite_router_type        = "VRouter"
  opposite_interface_owner_id = var.account_a_uid
}

# A points its initiating interface at B's accepting interface: its id, router id and owner uid
# A, the initiating side, connects tokyo-sv: both ends turn from Idle to Active
resource "alicloud_router_interface_connection" "tokyo_sv_initiator" {
  provider                    = alicloud.a_ap_northeast_1
  interface_id                = alicloud_express_connect_router_interface.tokyo_sv_initiator.id
  opposite_interface_id       = alicloud_express_connect_router_interface.tokyo_sv_acceptor.id
  opposite_router_id          = data.alicloud_vpcs.vpc_sv.vpcs[0].router_id
  opposite_router_type        = "VRouter"
  opposite_interface_owner_id = var.account_b_uid

  depends_on = [alicloud_router_interface_connection.tokyo_sv_acceptor]
}

# B points its accepting interface at its own interface, as the scenario declares: interface id, router id and owner uid
resource "alicloud_router_interface_connection" "tokyo_sv_acceptor" {
  provider                    = alicloud.b_us_west_1
  interface_id                = alicloud_express_connect_router_interface.tokyo_sv_acceptor.id
  opposite_interface_id       = alicloud_express_connect_router_interface.tokyo_sv_acceptor.id
  opposite_router_id          = data.alicloud_vpcs.vpc_tokyo.vpcs[0].router_id
  opposite_router_type        = "VRouter"
  opposite_interface_owner_id = var.account_a_uid
}

# A adds the route 192.168.0.0/24 to vpc-tokyo's route table, next hop its initiating router interface
resource "alicloud_route_entry" "tokyo_sv_route_1" {
  provider              = alicloud.a_ap_northeast_1
  route_table_id        = data.alicloud_vpcs.vpc_tokyo.vpcs[0].route_table_id
  destination_cidrblock = "192.168.0.0/24"
  nexthop_type          = "RouterInterface"
  nexthop_id            = alicloud_express_connect_router_interface.tokyo_sv_initiator.id
  description           = "peerplan tokyo-sv/route-1"

  depends_on = [alicloud_router_interface_connection.tokyo_sv_initiator]
}

# B adds the route 172.16.0.0/24 to vpc-sv's route table, next hop its accepting router interface
resource "alicloud_route_entry" "tokyo_sv_route_2" {
  provider              = alicloud.b_us_west_1
  route_table_id        = data.alicloud_vpcs.vpc_sv.vpcs[0].route_table_id
  destination_cidrblock = "172.16.0.0/24"
  nexthop_type          = "RouterInterface"
  nexthop_id            = alicloud_express_connect_router_interface.tokyo_sv_acceptor.id
  description           = "peerplan tokyo-sv/route-2"

  depends_on = [alicloud_router_interface_connection.tokyo_sv_initiator]
}
