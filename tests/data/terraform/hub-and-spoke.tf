# Written by `peerplan plan --format terraform` from hub-and-spoke.xml (scenario hub-and-spoke).
# peerplan's plan runs: every step passed and no finding is an error.
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

variable "account_net_uid" {
  description = "UID of account net (the Alibaba Cloud account, not a RAM user)"
  type        = string
  default     = "3333333333333333"
}

variable "account_shop_uid" {
  description = "UID of account shop (the Alibaba Cloud account, not a RAM user)"
  type        = string
  default     = "4444444444444444"
}

variable "account_data_uid" {
  description = "UID of account data (the Alibaba Cloud account, not a RAM user)"
  type        = string
  default     = "5555555555555555"
}

variable "assume_role_name" {
  description = "RAM role that the credentials running Terraform assume in every account (acs:ram::UID:role/NAME)"
  type        = string
}

variable "vpc_hub_id" {
  description = "Id of the existing VPC hub (account net, ap-southeast-1, 10.0.0.0/16)"
  type        = string
  default     = "hub"
}

variable "vsw_hub_a_id" {
  description = "Id of the existing vSwitch hub-a of hub (ap-southeast-1a, 10.0.0.0/24)"
  type        = string
  default     = "hub-a"
}

variable "vpc_shop_prod_id" {
  description = "Id of the existing VPC shop-prod (account shop, ap-southeast-1, 10.1.0.0/16)"
  type        = string
  default     = "shop-prod"
}

variable "vsw_shop_a_id" {
  description = "Id of the existing vSwitch shop-a of shop-prod (ap-southeast-1a, 10.1.0.0/24)"
  type        = string
  default     = "shop-a"
}

variable "vpc_shop_dev_id" {
  description = "Id of the existing VPC shop-dev (account shop, ap-southeast-1, 10.2.0.0/16)"
  type        = string
  default     = "shop-dev"
}

variable "vsw_shop_dev_b_id" {
  description = "Id of the existing vSwitch shop-dev-b of shop-dev (ap-southeast-1b, 10.2.0.0/24)"
  type        = string
  default     = "shop-dev-b"
}

variable "vpc_lake_id" {
  description = "Id of the existing VPC lake (account data, ap-southeast-1, 10.3.0.0/16)"
  type        = string
  default     = "lake"
}

variable "vsw_lake_a_id" {
  description = "Id of the existing vSwitch lake-a of lake (ap-southeast-1a, 10.3.0.0/24)"
  type        = string
  default     = "lake-a"
}

# Account net (uid 3333333333333333) in ap-southeast-1.
provider "alicloud" {
  alias  = "net_ap_southeast_1"
  region = "ap-southeast-1"

  assume_role {
    role_arn = "acs:ram::${var.account_net_uid}:role/${var.assume_role_name}"
  }
}

# Account shop (uid 4444444444444444) in ap-southeast-1.
provider "alicloud" {
  alias  = "shop_ap_southeast_1"
  region = "ap-southeast-1"

  assume_role {
    role_arn = "acs:ram::${var.account_shop_uid}:role/${var.assume_role_name}"
  }
}

# Account data (uid 5555555555555555) in ap-southeast-1.
provider "alicloud" {
  alias  = "data_ap_southeast_1"
  region = "ap-southeast-1"

  assume_role {
    role_arn = "acs:ram::${var.account_data_uid}:role/${var.assume_role_name}"
  }
}

# The account each alias reaches, as its credentials say (GetCallerIdentity).
data "alicloud_account" "net_ap_southeast_1" {
  provider = alicloud.net_ap_southeast_1
}

data "alicloud_account" "shop_ap_southeast_1" {
  provider = alicloud.shop_ap_southeast_1
}

data "alicloud_account" "data_ap_southeast_1" {
  provider = alicloud.data_ap_southeast_1
}

# VPC hub exists: its router and system route table.
data "alicloud_vpcs" "hub" {
  provider   = alicloud.net_ap_southeast_1
  ids        = [var.vpc_hub_id]
  cidr_block = "10.0.0.0/16"
}

# vSwitch hub-a of hub exists where peerplan checked it.
data "alicloud_vswitches" "hub_a" {
  provider   = alicloud.net_ap_southeast_1
  ids        = [var.vsw_hub_a_id]
  vpc_id     = var.vpc_hub_id
  zone_id    = "ap-southeast-1a"
  cidr_block = "10.0.0.0/24"
}

# VPC shop-prod exists: its router and system route table.
data "alicloud_vpcs" "shop_prod" {
  provider   = alicloud.shop_ap_southeast_1
  ids        = [var.vpc_shop_prod_id]
  cidr_block = "10.1.0.0/16"
}

# vSwitch shop-a of shop-prod exists where peerplan checked it.
data "alicloud_vswitches" "shop_a" {
  provider   = alicloud.shop_ap_southeast_1
  ids        = [var.vsw_shop_a_id]
  vpc_id     = var.vpc_shop_prod_id
  zone_id    = "ap-southeast-1a"
  cidr_block = "10.1.0.0/24"
}

# VPC shop-dev exists: its router and system route table.
data "alicloud_vpcs" "shop_dev" {
  provider   = alicloud.shop_ap_southeast_1
  ids        = [var.vpc_shop_dev_id]
  cidr_block = "10.2.0.0/16"
}

# vSwitch shop-dev-b of shop-dev exists where peerplan checked it.
data "alicloud_vswitches" "shop_dev_b" {
  provider   = alicloud.shop_ap_southeast_1
  ids        = [var.vsw_shop_dev_b_id]
  vpc_id     = var.vpc_shop_dev_id
  zone_id    = "ap-southeast-1b"
  cidr_block = "10.2.0.0/24"
}

# VPC lake exists: its router and system route table.
data "alicloud_vpcs" "lake" {
  provider   = alicloud.data_ap_southeast_1
  ids        = [var.vpc_lake_id]
  cidr_block = "10.3.0.0/16"
}

# vSwitch lake-a of lake exists where peerplan checked it.
data "alicloud_vswitches" "lake_a" {
  provider   = alicloud.data_ap_southeast_1
  ids        = [var.vsw_lake_a_id]
  vpc_id     = var.vpc_lake_id
  zone_id    = "ap-southeast-1a"
  cidr_block = "10.3.0.0/24"
}

# net requests the VPC peering hub-shop-prod from hub (ap-southeast-1) to shop-prod (ap-southeast-1, account shop): it waits in Accepting until the accepter accepts
resource "alicloud_vpc_peer_connection" "hub_shop_prod_peering" {
  provider            = alicloud.net_ap_southeast_1
  vpc_id              = var.vpc_hub_id
  accepting_ali_uid   = var.account_shop_uid
  accepting_region_id = "ap-southeast-1"
  accepting_vpc_id    = var.vpc_shop_prod_id
  description         = "peerplan hub-shop-prod/peering"
}

# shop, the accepter, accepts hub-shop-prod
resource "alicloud_vpc_peer_connection_accepter" "hub_shop_prod_peering" {
  provider    = alicloud.shop_ap_southeast_1
  instance_id = alicloud_vpc_peer_connection.hub_shop_prod_peering.id
}

# net adds the route 10.1.0.0/16 to hub's route table, next hop the peering
resource "alicloud_route_entry" "hub_shop_prod_route_1" {
  provider              = alicloud.net_ap_southeast_1
  route_table_id        = data.alicloud_vpcs.hub.vpcs[0].route_table_id
  destination_cidrblock = "10.1.0.0/16"
  nexthop_type          = "VpcPeer"
  nexthop_id            = alicloud_vpc_peer_connection.hub_shop_prod_peering.id
  description           = "peerplan hub-shop-prod/route-1"

  depends_on = [alicloud_vpc_peer_connection_accepter.hub_shop_prod_peering]
}

# shop adds the route 10.0.0.0/16 to shop-prod's route table, next hop the peering
resource "alicloud_route_entry" "hub_shop_prod_route_2" {
  provider              = alicloud.shop_ap_southeast_1
  route_table_id        = data.alicloud_vpcs.shop_prod.vpcs[0].route_table_id
  destination_cidrblock = "10.0.0.0/16"
  nexthop_type          = "VpcPeer"
  nexthop_id            = alicloud_vpc_peer_connection.hub_shop_prod_peering.id
  description           = "peerplan hub-shop-prod/route-2"

  depends_on = [alicloud_vpc_peer_connection_accepter.hub_shop_prod_peering]
}

# net requests the VPC peering hub-shop-dev from hub (ap-southeast-1) to shop-dev (ap-southeast-1, account shop): it waits in Accepting until the accepter accepts
resource "alicloud_vpc_peer_connection" "hub_shop_dev_peering" {
  provider            = alicloud.net_ap_southeast_1
  vpc_id              = var.vpc_hub_id
  accepting_ali_uid   = var.account_shop_uid
  accepting_region_id = "ap-southeast-1"
  accepting_vpc_id    = var.vpc_shop_dev_id
  description         = "peerplan hub-shop-dev/peering"
}

# shop, the accepter, accepts hub-shop-dev
resource "alicloud_vpc_peer_connection_accepter" "hub_shop_dev_peering" {
  provider    = alicloud.shop_ap_southeast_1
  instance_id = alicloud_vpc_peer_connection.hub_shop_dev_peering.id
}

# net adds the route 10.2.0.0/16 to hub's route table, next hop the peering
resource "alicloud_route_entry" "hub_shop_dev_route_1" {
  provider              = alicloud.net_ap_southeast_1
  route_table_id        = data.alicloud_vpcs.hub.vpcs[0].route_table_id
  destination_cidrblock = "10.2.0.0/16"
  nexthop_type          = "VpcPeer"
  nexthop_id            = alicloud_vpc_peer_connection.hub_shop_dev_peering.id
  description           = "peerplan hub-shop-dev/route-1"

  depends_on = [alicloud_vpc_peer_connection_accepter.hub_shop_dev_peering]
}

# shop adds the route 10.0.0.0/16 to shop-dev's route table, next hop the peering
resource "alicloud_route_entry" "hub_shop_dev_route_2" {
  provider              = alicloud.shop_ap_southeast_1
  route_table_id        = data.alicloud_vpcs.shop_dev.vpcs[0].route_table_id
  destination_cidrblock = "10.0.0.0/16"
  nexthop_type          = "VpcPeer"
  nexthop_id            = alicloud_vpc_peer_connection.hub_shop_dev_peering.id
  description           = "peerplan hub-shop-dev/route-2"

  depends_on = [alicloud_vpc_peer_connection_accepter.hub_shop_dev_peering]
}

# net requests the VPC peering hub-lake from hub (ap-southeast-1) to lake (ap-southeast-1, account data): it waits in Accepting until the accepter accepts
resource "alicloud_vpc_peer_connection" "hub_lake_peering" {
  provider            = alicloud.net_ap_southeast_1
  vpc_id              = var.vpc_hub_id
  accepting_ali_uid   = var.account_data_uid
  accepting_region_id = "ap-southeast-1"
  accepting_vpc_id    = var.vpc_lake_id
  description         = "peerplan hub-lake/peering"
}

# data, the accepter, accepts hub-lake
resource "alicloud_vpc_peer_connection_accepter" "hub_lake_peering" {
  provider    = alicloud.data_ap_southeast_1
  instance_id = alicloud_vpc_peer_connection.hub_lake_peering.id
}

# net adds the route 10.3.0.0/16 to hub's route table, next hop the peering
resource "alicloud_route_entry" "hub_lake_route_1" {
  provider              = alicloud.net_ap_southeast_1
  route_table_id        = data.alicloud_vpcs.hub.vpcs[0].route_table_id
  destination_cidrblock = "10.3.0.0/16"
  nexthop_type          = "VpcPeer"
  nexthop_id            = alicloud_vpc_peer_connection.hub_lake_peering.id
  description           = "peerplan hub-lake/route-1"

  depends_on = [alicloud_vpc_peer_connection_accepter.hub_lake_peering]
}

# data adds the route 10.0.0.0/16 to lake's route table, next hop the peering
resource "alicloud_route_entry" "hub_lake_route_2" {
  provider              = alicloud.data_ap_southeast_1
  route_table_id        = data.alicloud_vpcs.lake.vpcs[0].route_table_id
  destination_cidrblock = "10.0.0.0/16"
  nexthop_type          = "VpcPeer"
  nexthop_id            = alicloud_vpc_peer_connection.hub_lake_peering.id
  description           = "peerplan hub-lake/route-2"

  depends_on = [alicloud_vpc_peer_connection_accepter.hub_lake_peering]
}
